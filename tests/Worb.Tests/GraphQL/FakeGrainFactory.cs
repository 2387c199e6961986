using Orleans;
using Orleans.Runtime;
using Worb.Grains.Interfaces;

namespace Worb.Tests.GraphQL;

/// <summary>Hands out one <see cref="FakeRunGrain"/> per run key; nothing else is supported.</summary>
internal sealed class FakeGrainFactory : IGrainFactory
{
    private readonly Dictionary<string, FakeRunGrain> _runs = [];

    public FakeRunGrain Run(RunKey key)
    {
        if (!_runs.TryGetValue(key.GrainKey, out var grain))
        {
            _runs[key.GrainKey] = grain = new FakeRunGrain(key);
        }
        return grain;
    }

    public bool WasAsked(RunKey key) => _runs.ContainsKey(key.GrainKey);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey =>
        typeof(TGrainInterface) == typeof(IRunGrain)
            ? (TGrainInterface)(object)Run(RunKey.FromGrainKey(primaryKey))
            : throw new NotSupportedException(typeof(TGrainInterface).Name);

    TGrainInterface IGrainFactory.GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix) =>
        throw new NotSupportedException();

    TGrainInterface IGrainFactory.GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix) =>
        throw new NotSupportedException();

    TGrainInterface IGrainFactory.GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix) =>
        throw new NotSupportedException();

    TGrainInterface IGrainFactory.GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix) =>
        throw new NotSupportedException();

    TGrainInterface IGrainFactory.GetGrain<TGrainInterface>(GrainId grainId) => throw new NotSupportedException();

    IAddressable IGrainFactory.GetGrain(GrainId grainId) => throw new NotSupportedException();

    IAddressable IGrainFactory.GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw new NotSupportedException();

    IGrain IGrainFactory.GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw new NotSupportedException();

    IGrain IGrainFactory.GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw new NotSupportedException();

    IGrain IGrainFactory.GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw new NotSupportedException();

    IGrain IGrainFactory.GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) =>
        throw new NotSupportedException();

    IGrain IGrainFactory.GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) =>
        throw new NotSupportedException();

    IAddressable IGrainFactory.GetGrain(Type interfaceType, IdSpan grainKey) => throw new NotSupportedException();

    IAddressable IGrainFactory.GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) =>
        throw new NotSupportedException();

    TGrainObserverInterface IGrainFactory.CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) =>
        throw new NotSupportedException();

    void IGrainFactory.DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj) =>
        throw new NotSupportedException();
}

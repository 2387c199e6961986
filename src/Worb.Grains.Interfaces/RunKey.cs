namespace Worb.Grains.Interfaces;

/// <summary>Identifies a run the way the wandb client names it: entity, project and run id.</summary>
[GenerateSerializer, Immutable]
public sealed record RunKey([property: Id(0)] string Entity, [property: Id(1)] string Project, [property: Id(2)] string Run)
{
    /// <summary>The grain key of the run's <see cref="IRunGrain"/>.</summary>
    public string GrainKey => $"{Entity}/{Project}/{Run}";

    public static RunKey FromGrainKey(string key)
    {
        var parts = key.Split('/', 3);
        if (parts.Length != 3)
        {
            throw new ArgumentException($"'{key}' is not an entity/project/run key.", nameof(key));
        }
        return new RunKey(parts[0], parts[1], parts[2]);
    }

    public override string ToString() => GrainKey;
}

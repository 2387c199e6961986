using Worb.Api.GraphQL.Models;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Mutations;

/// <summary><c>stopRun</c>: asks the run's client to stop (it sees <c>stopped: true</c> when it next polls).</summary>
public sealed class StopRunHandler(IGrainFactory grains, RunRefResolver resolver)
{
    public async Task<SuccessResult> HandleAsync(StopRunInput input)
    {
        var grain = grains.GetGrain<IRunGrain>(resolver.Resolve(input).GrainKey);
        if (await grain.GetAsync() is null)
        {
            return new SuccessResult(false);
        }
        await grain.RequestStopAsync();
        return new SuccessResult(true);
    }
}

using Worb.Api.GraphQL.Models;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Mutations;

/// <summary><c>notifyScriptableRunAlert</c>: stores a <c>wandb.alert()</c> with its run.</summary>
public sealed class RunAlertHandler(IGrainFactory grains, RunRefResolver resolver)
{
    public async Task<SuccessResult> HandleAsync(NotifyScriptableRunAlertInput input)
    {
        var key = resolver.Resolve(input);
        var alert = new RunAlert(input.Title ?? string.Empty, input.Text ?? string.Empty, input.Severity ?? "INFO", input.WaitDuration);
        return new SuccessResult(await grains.GetGrain<IRunGrain>(key.GrainKey).AddAlertAsync(alert));
    }
}

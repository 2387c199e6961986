using Microsoft.Extensions.Options;
using Worb.Api.GraphQL.Models;
using Worb.Grains;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL;

/// <summary>The state a run is shown with: a "running" run whose client went silent is shown as crashed.</summary>
public sealed class RunStateView(IOptions<WorbOptions> options, TimeProvider time)
{
    public string Shown(RunRecord run)
    {
        if (run.State != RunStates.Running)
        {
            return run.State;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        return now - run.HeartbeatAt > options.Value.HeartbeatTimeoutSeconds ? RunStates.Crashed : run.State;
    }
}

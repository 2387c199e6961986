using Orleans.Runtime.Placement;

namespace Worb.Grains.Placement;

/// <summary>
/// Chooses the active silo named by the grain key. <see cref="PreferLocalPlacement"/> would not do: a read on silo A
/// that drains every silo's log may be the first call to silo B's store grain (or the first after it was collected),
/// and would then activate it on A, away from B's log.
/// </summary>
public sealed class SiloNamePlacementDirector(ILocalSiloDetails localSilo, IClusterMembershipService membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var name = target.GrainIdentity.Key.ToString();
        var compatible = context.GetCompatibleSilos(target);
        // The local silo first: while it is still joining, the membership snapshot may not list it as active yet.
        if (string.Equals(name, localSilo.Name, StringComparison.Ordinal) && compatible.Contains(localSilo.SiloAddress))
        {
            return Task.FromResult(localSilo.SiloAddress);
        }
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active
                && string.Equals(member.Name, name, StringComparison.Ordinal)
                && compatible.Contains(member.SiloAddress))
            {
                return Task.FromResult(member.SiloAddress);
            }
        }
        throw new SiloUnavailableException($"No active silo is named '{name}', so grain {target.GrainIdentity} has nowhere to live.");
    }
}

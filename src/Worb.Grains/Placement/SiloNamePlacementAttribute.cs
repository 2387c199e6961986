using Orleans.Placement;

namespace Worb.Grains.Placement;

/// <summary>Marks a string-keyed grain whose key is the name of the silo it must live on (<see cref="SiloNamePlacement"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloNamePlacementAttribute() : PlacementAttribute(new SiloNamePlacement());

namespace Worb.Grains.Placement;

/// <summary>
/// Places a grain on the silo whose name is the grain's key: a silo's store grain must run where that silo's
/// write-ahead log is, whichever silo first calls it.
/// </summary>
public sealed class SiloNamePlacement : PlacementStrategy;

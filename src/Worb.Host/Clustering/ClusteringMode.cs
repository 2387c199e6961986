namespace Worb.Host.Clustering;

/// <summary>How the silo finds the other silos of its cluster.</summary>
public enum ClusteringMode
{
    /// <summary>One silo in one process, on loopback (the default).</summary>
    Localhost,

    /// <summary>Orleans' ADO.NET clustering on PostgreSQL: any number of silos sharing one data folder.</summary>
    Postgres,
}

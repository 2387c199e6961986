namespace Worb.EndToEnd.Tests.Infrastructure;

/// <summary>A test that needs PostgreSQL 15's server binaries; skipped, saying so, only where they are not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresServer.BinariesPresent)
        {
            Skip = $"PostgreSQL 15 server binaries not found in {PostgresServer.BinDirectory} (apt-get install postgresql; .ci/run does).";
        }
    }
}

using GraphQL.Types;

namespace Worb.Api.GraphQL.Types;

public sealed class AlertSeverityType : EnumerationGraphType
{
    public AlertSeverityType()
    {
        Name = "AlertSeverity";
        Add("INFO", "INFO");
        Add("WARN", "WARN");
        Add("ERROR", "ERROR");
    }
}

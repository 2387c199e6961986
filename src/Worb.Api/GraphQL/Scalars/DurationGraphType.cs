using GraphQL.Types;

namespace Worb.Api.GraphQL.Scalars;

/// <summary><c>Duration</c>: a length of time in milliseconds (the clients send an integer).</summary>
public sealed class DurationGraphType : LongGraphType
{
    public DurationGraphType()
    {
        Name = "Duration";
        Description = "A duration in milliseconds.";
    }
}

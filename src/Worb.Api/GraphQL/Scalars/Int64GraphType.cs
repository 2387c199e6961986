using GraphQL.Types;

namespace Worb.Api.GraphQL.Scalars;

/// <summary><c>Int64</c>: a 64-bit integer (accepts any integer literal or variable that fits).</summary>
public sealed class Int64GraphType : LongGraphType
{
    public Int64GraphType()
    {
        Name = "Int64";
        Description = "A 64-bit signed integer.";
    }
}

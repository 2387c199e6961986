namespace Worb.Api.GraphQL.Mutations;

public sealed class CreateRunFilesInput : RunRef
{
    public List<string>? Files { get; set; }
}

using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class FileEdgeType() : EdgeGraphType<FileType, FileNode>("FileEdge");

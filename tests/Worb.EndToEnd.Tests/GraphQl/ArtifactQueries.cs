namespace Worb.EndToEnd.Tests.GraphQl;

/// <summary>Artifact query texts of the wandb SDK 0.17.9 (PROTOCOL.md Appendix A), and the public API's artifact reads.</summary>
public static class ArtifactQueries
{
    public const string ArtifactFragment = """
        fragment ArtifactFragment on Artifact {
          id
          artifactSequence { project { entityName name } name }
          versionIndex
          artifactType { name }
          description
          metadata
          ttlDurationSeconds
          ttlIsInherited
          aliases { artifactCollection { project { entityName name } name } alias }
          state
          commitHash
          fileCount
          createdAt
          updatedAt
          size
          digest
        }
        """;

    public const string ArtifactByName = """
        query ArtifactByName($entityName: String!, $projectName: String!, $name: String!) {
          project(name: $projectName, entityName: $entityName) {
            artifact(name: $name) {
              ...ArtifactFragment
            }
          }
        }
        """ + ArtifactFragment;

    public const string ArtifactType = """
        query ArtifactType($entityName: String, $projectName: String, $name: String!) {
          project(name: $projectName, entityName: $entityName) {
            artifact(name: $name) {
              artifactType {
                name
              }
            }
          }
        }
        """;

    public const string ArtifactFileUrls = """
        query ArtifactFileURLs($id: ID!, $cursor: String, $perPage: Int) {
          artifact(id: $id) {
            files(after: $cursor, first: $perPage) {
              pageInfo { hasNextPage endCursor }
              edges { node { name directUrl digest sizeBytes } }
            }
          }
        }
        """;

    public const string ClientIdMapping = """
        query ClientIDMapping($clientID: ID!) {
          clientIDMapping(clientID: $clientID) {
            serverID
          }
        }
        """;

    public const string RunArtifacts = """
        query RunArtifacts($entity: String!, $project: String!, $runName: String!) {
          project(name: $project, entityName: $entity) {
            run(name: $runName) {
              outputArtifacts(first: 50) { totalCount edges { node { ...ArtifactFragment } cursor } }
              inputArtifacts(first: 50) { totalCount edges { node { ...ArtifactFragment } cursor } }
            }
          }
        }
        """ + ArtifactFragment;

    public const string CollectionVersions = """
        query Artifacts($project: String!, $entity: String!, $type: String!, $collection: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString) {
          project(name: $project, entityName: $entity) {
            artifactType(name: $type) {
              artifactCollection: artifactCollection(name: $collection) {
                name
                artifacts(filters: $filters, after: $cursor, first: $perPage, order: $order) {
                  totalCount
                  edges { node { ...ArtifactFragment } version cursor }
                  pageInfo { endCursor hasNextPage }
                }
              }
            }
          }
        }
        """ + ArtifactFragment;
}

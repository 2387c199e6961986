namespace Worb.EndToEnd.Tests.GraphQl;

/// <summary>
/// GraphQL texts exactly as the wandb clients send them (PROTOCOL.md Appendix A), so the tests read runs back the
/// way <c>wandb.Api()</c> does.
/// </summary>
public static class WandbQueries
{
    /// <summary>Runs, verbatim from traffic/06_public_api.jsonl.</summary>
    public const string Runs = """
        query Runs($project: String!, $entity: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString) {
          project(name: $project, entityName: $entity) {
            runCount(filters: $filters)
            readOnly
            runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
              edges {
                node {
                  ...RunFragment
                }
                cursor
              }
              pageInfo {
                endCursor
                hasNextPage
              }
            }
          }
        }

        fragment RunFragment on Run {
          id
          tags
          name
          displayName
          sweepName
          state
          config
          group
          jobType
          commit
          readOnly
          createdAt
          heartbeatAt
          description
          notes
          systemMetrics
          summaryMetrics
          historyLineCount
          user {
            name
            username
          }
          historyKeys
        }

        """;

    /// <summary>Run, verbatim from traffic/06_public_api.jsonl.</summary>
    public const string Run = """
        query Run($project: String!, $entity: String!, $name: String!) {
          project(name: $project, entityName: $entity) {
            run(name: $name) {
              ...RunFragment
            }
          }
        }

        fragment RunFragment on Run {
          id
          tags
          name
          displayName
          sweepName
          state
          config
          group
          jobType
          commit
          readOnly
          createdAt
          heartbeatAt
          description
          notes
          systemMetrics
          summaryMetrics
          historyLineCount
          user {
            name
            username
          }
          historyKeys
        }

        """;

    /// <summary>RunFullHistory, verbatim from traffic/06_public_api.jsonl.</summary>
    public const string RunFullHistory = """
        query RunFullHistory($project: String!, $entity: String!, $name: String!, $samples: Int) {
          project(name: $project, entityName: $entity) {
            run(name: $name) {
              history(samples: $samples)
            }
          }
        }

        """;

    /// <summary>HistoryPage, verbatim from traffic/06_public_api.jsonl.</summary>
    public const string HistoryPage = """
        query HistoryPage($entity: String!, $project: String!, $run: String!, $minStep: Int64!, $maxStep: Int64!, $pageSize: Int!) {
          project(name: $project, entityName: $entity) {
            run(name: $run) {
              history(minStep: $minStep, maxStep: $maxStep, samples: $pageSize)
            }
          }
        }

        """;

    /// <summary>SampledHistoryPage, verbatim from traffic/06_public_api.jsonl.</summary>
    public const string SampledHistoryPage = """
        query SampledHistoryPage($entity: String!, $project: String!, $run: String!, $spec: JSONString!) {
          project(name: $project, entityName: $entity) {
            run(name: $run) {
              sampledHistory(specs: [$spec])
            }
          }
        }

        """;

    /// <summary>RunHistoryKeys, verbatim from traffic/06_public_api.jsonl.</summary>
    public const string RunHistoryKeys = """
        query RunHistoryKeys($project: String!, $entity: String!, $name: String!) {
          project(name: $project, entityName: $entity) {
            run(name: $name) {
              historyKeys
            }
          }
        }

        """;

    /// <summary>RunFiles, verbatim from traffic/06_public_api.jsonl.</summary>
    public const string RunFiles = """
        query RunFiles($project: String!, $entity: String!, $name: String!, $fileCursor: String, $fileLimit: Int = 50, $fileNames: [String] = [], $upload: Boolean = false) {
          project(name: $project, entityName: $entity) {
            run(name: $name) {
              fileCount
              ...RunFilesFragment
            }
          }
        }

        fragment RunFilesFragment on Run {
          files(names: $fileNames, after: $fileCursor, first: $fileLimit) {
            edges {
              node {
                id
                name
                url(upload: $upload)
                directUrl
                sizeBytes
                mimetype
                updatedAt
                md5
              }
              cursor
            }
            pageInfo {
              endCursor
              hasNextPage
            }
          }
        }

        """;

    /// <summary>RunSampledHistory, verbatim from traffic/06_public_api.jsonl.</summary>
    public const string RunSampledHistory = """
        query RunSampledHistory($project: String!, $entity: String!, $name: String!, $specs: [JSONString!]!) {
          project(name: $project, entityName: $entity) {
            run(name: $name) {
              sampledHistory(specs: $specs)
            }
          }
        }

        """;

    /// <summary>RunResumeStatus, verbatim from traffic/04_resume.jsonl.</summary>
    public const string RunResumeStatus = """
        query RunResumeStatus($project: String, $entity: String, $name: String!) {
          model(name: $project, entityName: $entity) {
            id
            name
            entity {
              id
              name
            }
            bucket(name: $name, missingOk: true) {
              id
              name
              summaryMetrics
              displayName
              logLineCount
              historyLineCount
              eventsLineCount
              historyTail
              eventsTail
              config
              tags
              wandbConfig(keys: ["t"])
            }
          }
        }

        """;

    /// <summary>RunStoppedStatus, verbatim from traffic/01_basic.jsonl.</summary>
    public const string RunStoppedStatus = """
        query RunStoppedStatus($projectName: String, $entityName: String, $runId: String!) {
          project(name: $projectName, entityName: $entityName) {
            run(name: $runId) {
              stopped
            }
          }
        }

        """;

    /// <summary>UpsertBucket, verbatim from traffic/01_basic.jsonl.</summary>
    public const string UpsertBucket = """
        mutation UpsertBucket($id: String, $name: String, $project: String, $entity: String, $groupName: String, $description: String, $displayName: String, $notes: String, $commit: String, $config: JSONString, $host: String, $debug: Boolean, $program: String, $repo: String, $jobType: String, $state: String, $sweep: String, $tags: [String!], $summaryMetrics: JSONString) {
          upsertBucket(input: {id: $id, name: $name, groupName: $groupName, modelName: $project, entityName: $entity, description: $description, displayName: $displayName, notes: $notes, config: $config, commit: $commit, host: $host, debug: $debug, jobProgram: $program, jobRepo: $repo, jobType: $jobType, state: $state, sweep: $sweep, tags: $tags, summaryMetrics: $summaryMetrics}) {
            bucket {
              id
              name
              displayName
              description
              config
              sweepName
              project {
                id
                name
                entity {
                  id
                  name
                }
              }
              historyLineCount
            }
            inserted
            serverSettings {
              serverMessages {
                utfText
                plainText
                htmlText
                messageType
                messageLevel
              }
            }
          }
        }

        """;

    /// <summary>CreateRunFiles, verbatim from traffic/01_basic.jsonl.</summary>
    public const string CreateRunFiles = """
        mutation CreateRunFiles($entity: String!, $project: String!, $run: String!, $files: [String!]!) {
          createRunFiles(input: {entityName: $entity, projectName: $project, runName: $run, files: $files}) {
            runID
            uploadHeaders
            files {
              name
              uploadUrl
            }
          }
        }

        """;

    /// <summary>Viewer, verbatim from traffic/06_public_api.jsonl.</summary>
    public const string Viewer = """
        query Viewer {
          viewer {
            id
            entity
          }
        }

        """;

    /// <summary>NotifyScriptableRunAlert, verbatim from traffic/11_alert_and_stop.jsonl.</summary>
    public const string NotifyScriptableRunAlert = """
        mutation NotifyScriptableRunAlert($entityName: String!, $projectName: String!, $runName: String!, $title: String!, $text: String!, $severity: AlertSeverity = INFO, $waitDuration: Duration) {
          notifyScriptableRunAlert(input: {entityName: $entityName, projectName: $projectName, runName: $runName, title: $title, text: $text, severity: $severity, waitDuration: $waitDuration}) {
            success
          }
        }

        """;
}

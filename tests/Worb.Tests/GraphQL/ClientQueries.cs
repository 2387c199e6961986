namespace Worb.Tests.GraphQL;

/// <summary>
/// The GraphQL documents the wandb clients send, verbatim: legacy Python 0.17.9 and npm from the recorded traffic,
/// wandb-core from its generated operation constants (PROTOCOL.md Appendix A, CORE-PROTOCOL.md §3).
/// </summary>
internal static class ClientQueries
{
    public const string ProbeServerCapabilities = "query ProbeServerCapabilities {\n  QueryType: __type(name: \"Query\") {\n    ...fieldData\n  }\n  MutationType: __type(name: \"Mutation\") {\n    ...fieldData\n  }\n  ServerInfoType: __type(name: \"ServerInfo\") {\n    ...fieldData\n  }\n}\n\nfragment fieldData on __Type {\n  fields {\n    name\n  }\n}\n";

    public const string PythonViewer = "query Viewer {\n  viewer {\n    id\n    entity\n    username\n    email\n    flags\n    teams {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n  serverInfo {\n    cliVersionInfo\n    latestLocalVersionInfo {\n      outOfDate\n      latestVersionString\n      versionOnThisInstanceString\n    }\n  }\n}\n";

    public const string ProbeServerSettings = "query ProbeServerSettings {\n  ServerSettingsType: __type(name: \"ServerSettings\") {\n    ...fieldData\n  }\n}\n\nfragment fieldData on __Type {\n  fields {\n    name\n  }\n}\n";

    public const string PythonUpsertBucket = "mutation UpsertBucket($id: String, $name: String, $project: String, $entity: String, $groupName: String, $description: String, $displayName: String, $notes: String, $commit: String, $config: JSONString, $host: String, $debug: Boolean, $program: String, $repo: String, $jobType: String, $state: String, $sweep: String, $tags: [String!], $summaryMetrics: JSONString) {\n  upsertBucket(input: {id: $id, name: $name, groupName: $groupName, modelName: $project, entityName: $entity, description: $description, displayName: $displayName, notes: $notes, config: $config, commit: $commit, host: $host, debug: $debug, jobProgram: $program, jobRepo: $repo, jobType: $jobType, state: $state, sweep: $sweep, tags: $tags, summaryMetrics: $summaryMetrics}) {\n    bucket {\n      id\n      name\n      displayName\n      description\n      config\n      sweepName\n      project {\n        id\n        name\n        entity {\n          id\n          name\n        }\n      }\n      historyLineCount\n    }\n    inserted\n    serverSettings {\n      serverMessages {\n        utfText\n        plainText\n        htmlText\n        messageType\n        messageLevel\n      }\n    }\n  }\n}\n";

    public const string CreateRunFiles = "mutation CreateRunFiles($entity: String!, $project: String!, $run: String!, $files: [String!]!) {\n  createRunFiles(input: {entityName: $entity, projectName: $project, runName: $run, files: $files}) {\n    runID\n    uploadHeaders\n    files {\n      name\n      uploadUrl\n    }\n  }\n}\n";

    public const string RunStoppedStatus = "query RunStoppedStatus($projectName: String, $entityName: String, $runId: String!) {\n  project(name: $projectName, entityName: $entityName) {\n    run(name: $runId) {\n      stopped\n    }\n  }\n}\n";

    public const string RunResumeStatus = "query RunResumeStatus($project: String, $entity: String, $name: String!) {\n  model(name: $project, entityName: $entity) {\n    id\n    name\n    entity {\n      id\n      name\n    }\n    bucket(name: $name, missingOk: true) {\n      id\n      name\n      summaryMetrics\n      displayName\n      logLineCount\n      historyLineCount\n      eventsLineCount\n      historyTail\n      eventsTail\n      config\n      tags\n      wandbConfig(keys: [\"t\"])\n    }\n  }\n}\n";

    public const string PublicViewer = "query Viewer {\n  viewer {\n    id\n    entity\n  }\n}\n";

    public const string Projects = "query Projects($entity: String, $cursor: String, $perPage: Int = 50) {\n  models(entityName: $entity, after: $cursor, first: $perPage) {\n    edges {\n      node {\n        ...ProjectFragment\n      }\n      cursor\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment ProjectFragment on Project {\n  id\n  name\n  entityName\n  createdAt\n  isBenchmark\n}\n";

    public const string Runs = "query Runs($project: String!, $entity: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString) {\n  project(name: $project, entityName: $entity) {\n    runCount(filters: $filters)\n    readOnly\n    runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {\n      edges {\n        node {\n          ...RunFragment\n        }\n        cursor\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n}\n\nfragment RunFragment on Run {\n  id\n  tags\n  name\n  displayName\n  sweepName\n  state\n  config\n  group\n  jobType\n  commit\n  readOnly\n  createdAt\n  heartbeatAt\n  description\n  notes\n  systemMetrics\n  summaryMetrics\n  historyLineCount\n  user {\n    name\n    username\n  }\n  historyKeys\n}\n";

    public const string Run = "query Run($project: String!, $entity: String!, $name: String!) {\n  project(name: $project, entityName: $entity) {\n    run(name: $name) {\n      ...RunFragment\n    }\n  }\n}\n\nfragment RunFragment on Run {\n  id\n  tags\n  name\n  displayName\n  sweepName\n  state\n  config\n  group\n  jobType\n  commit\n  readOnly\n  createdAt\n  heartbeatAt\n  description\n  notes\n  systemMetrics\n  summaryMetrics\n  historyLineCount\n  user {\n    name\n    username\n  }\n  historyKeys\n}\n";

    public const string RunFullHistory = "query RunFullHistory($project: String!, $entity: String!, $name: String!, $samples: Int) {\n  project(name: $project, entityName: $entity) {\n    run(name: $name) {\n      history(samples: $samples)\n    }\n  }\n}\n";

    public const string RunSampledHistory = "query RunSampledHistory($project: String!, $entity: String!, $name: String!, $specs: [JSONString!]!) {\n  project(name: $project, entityName: $entity) {\n    run(name: $name) {\n      sampledHistory(specs: $specs)\n    }\n  }\n}\n";

    public const string RunHistoryKeys = "query RunHistoryKeys($project: String!, $entity: String!, $name: String!) {\n  project(name: $project, entityName: $entity) {\n    run(name: $name) {\n      historyKeys\n    }\n  }\n}\n";

    public const string HistoryPage = "query HistoryPage($entity: String!, $project: String!, $run: String!, $minStep: Int64!, $maxStep: Int64!, $pageSize: Int!) {\n  project(name: $project, entityName: $entity) {\n    run(name: $run) {\n      history(minStep: $minStep, maxStep: $maxStep, samples: $pageSize)\n    }\n  }\n}\n";

    public const string SampledHistoryPage = "query SampledHistoryPage($entity: String!, $project: String!, $run: String!, $spec: JSONString!) {\n  project(name: $project, entityName: $entity) {\n    run(name: $run) {\n      sampledHistory(specs: [$spec])\n    }\n  }\n}\n";

    public const string RunFiles = "query RunFiles($project: String!, $entity: String!, $name: String!, $fileCursor: String, $fileLimit: Int = 50, $fileNames: [String] = [], $upload: Boolean = false) {\n  project(name: $project, entityName: $entity) {\n    run(name: $name) {\n      fileCount\n      ...RunFilesFragment\n    }\n  }\n}\n\nfragment RunFilesFragment on Run {\n  files(names: $fileNames, after: $fileCursor, first: $fileLimit) {\n    edges {\n      node {\n        id\n        name\n        url(upload: $upload)\n        directUrl\n        sizeBytes\n        mimetype\n        updatedAt\n        md5\n      }\n      cursor\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n";

    public const string NpmViewer = "\n    query Viewer {\n  viewer {\n    id\n    entity\n    flags\n    teams {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n}\n    ";

    public const string NpmUpsertBucket = "\n    mutation UpsertBucket($id: String, $name: String, $project: String, $entity: String, $groupName: String, $description: String, $displayName: String, $notes: String, $commit: String, $config: JSONString, $host: String, $debug: Boolean, $program: String, $repo: String, $jobType: String, $state: String, $sweep: String, $tags: [String!], $summaryMetrics: JSONString) {\n  upsertBucket(\n    input: {id: $id, name: $name, groupName: $groupName, modelName: $project, entityName: $entity, description: $description, displayName: $displayName, notes: $notes, config: $config, commit: $commit, host: $host, debug: $debug, jobProgram: $program, jobRepo: $repo, jobType: $jobType, state: $state, sweep: $sweep, tags: $tags, summaryMetrics: $summaryMetrics}\n  ) {\n    bucket {\n      id\n      name\n      displayName\n      description\n      config\n      sweepName\n      project {\n        id\n        name\n        entity {\n          id\n          name\n        }\n      }\n    }\n    inserted\n  }\n}\n    ";

    public const string NotifyScriptableRunAlert = "mutation NotifyScriptableRunAlert($entityName: String!, $projectName: String!, $runName: String!, $title: String!, $text: String!, $severity: AlertSeverity = INFO, $waitDuration: Duration) {\n  notifyScriptableRunAlert(input: {entityName: $entityName, projectName: $projectName, runName: $runName, title: $title, text: $text, severity: $severity, waitDuration: $waitDuration}) {\n    success\n  }\n}\n";

    public const string CoreServerFeaturesQuery = "\nquery ServerFeaturesQuery {\n\tserverInfo {\n\t\tfeatures {\n\t\t\tname\n\t\t\tisEnabled\n\t\t}\n\t}\n}\n";

    public const string CoreViewer = "\nquery Viewer {\n\tviewer {\n\t\tid\n\t\tentity\n\t\tusername\n\t\temail\n\t\tflags\n\t\tteams {\n\t\t\tedges {\n\t\t\t\tnode {\n\t\t\t\t\tname\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}\n";

    public const string CoreRunResumeStatus = "\nquery RunResumeStatus ($project: String, $entity: String, $name: String!) {\n\tmodel(name: $project, entityName: $entity) {\n\t\tid\n\t\tname\n\t\tentity {\n\t\t\tid\n\t\t\tname\n\t\t}\n\t\tbucket(name: $name, missingOk: true) {\n\t\t\tid\n\t\t\tname\n\t\t\tsummaryMetrics\n\t\t\tdisplayName\n\t\t\tlogLineCount\n\t\t\thistoryLineCount\n\t\t\teventsLineCount\n\t\t\thistoryTail\n\t\t\teventsTail\n\t\t\tconfig\n\t\t\ttags\n\t\t\tnotes\n\t\t\twandbConfig(keys: [\"t\"])\n\t\t}\n\t}\n}\n";

    public const string CoreRunResumeStatusV019 = "\nquery RunResumeStatus ($project: String, $entity: String, $name: String!) {\n\tmodel(name: $project, entityName: $entity) {\n\t\tid\n\t\tname\n\t\tentity {\n\t\t\tid\n\t\t\tname\n\t\t}\n\t\tbucket(name: $name, missingOk: true) {\n\t\t\tid\n\t\t\tname\n\t\t\tsummaryMetrics\n\t\t\tdisplayName\n\t\t\tlogLineCount\n\t\t\thistoryLineCount\n\t\t\teventsLineCount\n\t\t\thistoryTail\n\t\t\teventsTail\n\t\t\tconfig\n\t\t\ttags\n\t\t\twandbConfig(keys: [\"t\"])\n\t\t}\n\t}\n}\n";

    public const string CoreUpsertBucket = "\nmutation UpsertBucket ($id: String, $name: String, $project: String, $entity: String, $groupName: String, $description: String, $displayName: String, $notes: String, $commit: String, $config: JSONString, $host: String, $debug: Boolean, $program: String, $repo: String, $jobType: String, $state: String, $sweep: String, $tags: [String!], $summaryMetrics: JSONString) {\n\tupsertBucket(input: {id:$id,name:$name,groupName:$groupName,modelName:$project,entityName:$entity,description:$description,displayName:$displayName,notes:$notes,config:$config,commit:$commit,host:$host,debug:$debug,jobProgram:$program,jobRepo:$repo,jobType:$jobType,state:$state,sweep:$sweep,tags:$tags,summaryMetrics:$summaryMetrics}) {\n\t\tbucket {\n\t\t\tid\n\t\t\tname\n\t\t\tdisplayName\n\t\t\tdescription\n\t\t\tconfig\n\t\t\tsweepName\n\t\t\tproject {\n\t\t\t\tid\n\t\t\t\tname\n\t\t\t\tentity {\n\t\t\t\t\tid\n\t\t\t\t\tname\n\t\t\t\t}\n\t\t\t}\n\t\t\thistoryLineCount\n\t\t}\n\t\tinserted\n\t}\n}\n";

    public const string CoreCreateRunFiles = "\nmutation CreateRunFiles ($entity: String!, $project: String!, $run: String!, $files: [String!]!) {\n\tcreateRunFiles(input: {entityName:$entity,projectName:$project,runName:$run,files:$files}) {\n\t\trunID\n\t\tuploadHeaders\n\t\tfiles {\n\t\t\tname\n\t\t\tuploadUrl\n\t\t}\n\t}\n}\n";

    public const string CoreNotifyScriptableRunAlert = "\nmutation NotifyScriptableRunAlert ($entityName: String!, $projectName: String!, $runName: String!, $title: String!, $text: String!, $severity: AlertSeverity = INFO, $waitDuration: Duration) {\n\tnotifyScriptableRunAlert(input: {entityName:$entityName,projectName:$projectName,runName:$runName,title:$title,text:$text,severity:$severity,waitDuration:$waitDuration}) {\n\t\tsuccess\n\t}\n}\n";

    public const string CoreRunStoppedStatus = "\nquery RunStoppedStatus ($entityName: String, $projectName: String, $runId: String!) {\n\tproject(name: $projectName, entityName: $entityName) {\n\t\trun(name: $runId) {\n\t\t\tstopped\n\t\t}\n\t}\n}\n";

    public const string CoreOrganizationCoreWeaveOrganizationID = "\nquery OrganizationCoreWeaveOrganizationID ($entityName: String!) {\n\tentity(name: $entityName) {\n\t\torganization {\n\t\t\tcoreWeaveOrganizationId\n\t\t}\n\t}\n}\n";

    /// <summary>The legacy upload-URL query (wandb 0.17.9 <c>InternalApi.upload_urls</c>, from source; not on the wire).</summary>
    public const string RunUploadUrls = "query RunUploadUrls($name: String!, $files: [String]!, $entity: String, $run: String!, $description: String) {\n  model(name: $name, entityName: $entity) {\n    bucket(name: $run, desc: $description) {\n      id\n      files(names: $files) {\n        uploadHeaders\n        edges {\n          node {\n            name\n            url(upload: true)\n            updatedAt\n          }\n        }\n      }\n    }\n  }\n}\n";
}

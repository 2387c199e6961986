namespace Worb.Grains.Interfaces;

/// <summary>
/// One grain per run, keyed by <see cref="RunKey.GrainKey"/>. It takes the run's file_stream chunks onto the
/// hot path (validate, append to the silo's write-ahead log, update counters) and owns its metadata changes.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Creates the run, or updates the fields that are not null. Returns the run as stored.</summary>
    Task<UpsertOutcome> UpsertAsync(RunUpsert upsert);

    /// <summary>The run, or null when it does not exist.</summary>
    [AlwaysInterleave]
    Task<RunSnapshot?> GetAsync();

    /// <summary>
    /// Validates one file_stream body and makes it durable in the write-ahead log before answering. The body is not
    /// kept past the call, so a caller may pass bytes it reuses afterwards.
    /// </summary>
    Task<ChunkResult> AppendChunkAsync(Immutable<ReadOnlyMemory<byte>> body);

    /// <summary>Completes once every chunk this grain acknowledged is in the SQLite store.</summary>
    [AlwaysInterleave]
    Task EnsureStoredAsync();

    /// <summary>Asks the client to stop the run (seen by the client through RunStoppedStatus and file_stream).</summary>
    Task RequestStopAsync();

    /// <summary>Stores a <c>wandb.alert()</c> with the run. False when the run does not exist.</summary>
    Task<bool> AddAlertAsync(RunAlert alert);

    /// <summary>
    /// Deletes the run with all its rows (history, console, system metrics, files index, alerts) once its logged
    /// chunks are stored; later chunks are refused as for an unknown run. False when the run does not exist.
    /// </summary>
    Task<bool> DeleteAsync();
}

[GenerateSerializer, Immutable]
public sealed record UpsertOutcome([property: Id(0)] RunSnapshot Run, [property: Id(1)] bool Inserted);

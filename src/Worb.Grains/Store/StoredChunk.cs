using Worb.Grains.Protocol;

namespace Worb.Grains.Store;

/// <summary>A file_stream chunk read back from the write-ahead log, ready to be written to SQLite.</summary>
public sealed record StoredChunk(long RunId, long ReceivedAtUnixMs, FileStreamRequest Request);

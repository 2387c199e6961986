using Worb.Grains.Protocol;
using Worb.Grains.Store;

namespace Worb.Grains.Storage;

/// <summary>
/// Scans the history lines of a batch of chunks into <see cref="PreparedBatch"/> rows: each line's step and each
/// member's value as it will be stored. Needs no database. One batch at a time (its key-name cache is not
/// thread-safe); the store prepares batch N+1 while batch N is written.
/// </summary>
public sealed class HistoryBatchPreparer
{
    private readonly JsonKeyCache _keyNames = new();
    private readonly List<JsonMember> _members = new(64);

    public void Prepare(IReadOnlyList<StoredChunk> chunks, PreparedBatch batch)
    {
        batch.Reset(chunks);
        foreach (var chunk in chunks)
        {
            foreach (var file in chunk.Request.Files)
            {
                if (file.FileName != FileStreamFiles.History)
                {
                    continue;
                }
                for (var i = 0; i < file.Lines.Count; i++)
                {
                    var lineNo = file.Offset + i;
                    var line = file.Lines[i];
                    if (!JsonLineScanner.TryScanObject(line, _members, out _, _keyNames))
                    {
                        continue; // validated on the hot path; a line that got here is well-formed
                    }
                    var step = HistoryStep.Of(_members, lineNo);
                    batch.AddLine(new HistoryLineRow(chunk.RunId, lineNo, step, line));
                    foreach (var member in _members)
                    {
                        batch.AddValue(new PreparedValue(chunk.RunId, step, member.Key, HistoryValue.From(member)));
                    }
                }
            }
        }
        _members.Clear();
    }
}

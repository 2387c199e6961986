using Worb.Grains.Interfaces;
using Worb.Grains.Protocol;

namespace Worb.Grains.Runs;

/// <summary>
/// The counters and state a run reaches through its file_stream chunks. The run grain applies it in memory on the
/// hot path and the store applies it again when it writes the same chunks, so both agree.
/// </summary>
public record struct RunProgress(long HistoryLineCount, long EventsLineCount, long LogLineCount, string State, int? ExitCode)
{
    public void Apply(FileStreamRequest request)
    {
        foreach (var chunk in request.Files)
        {
            var end = chunk.Offset + chunk.Lines.Count;
            switch (chunk.FileName)
            {
                case FileStreamFiles.History:
                    HistoryLineCount = Math.Max(HistoryLineCount, end);
                    break;
                case FileStreamFiles.Events:
                    EventsLineCount = Math.Max(EventsLineCount, end);
                    break;
                case FileStreamFiles.Output:
                    LogLineCount = Math.Max(LogLineCount, end);
                    break;
            }
        }
        if (request.Complete)
        {
            ExitCode = request.ExitCode ?? 0;
            State = ExitCode == 0 ? RunStates.Finished : RunStates.Failed;
        }
        else
        {
            // Any other message means the client is alive: a resumed or crashed-looking run is running again.
            State = request.Preempting ? RunStates.Preempting : RunStates.Running;
        }
    }
}

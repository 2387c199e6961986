namespace Worb.EndToEnd.Tests.Replay;

/// <summary>A replayed request did not get the answer a real client needs.</summary>
public sealed class ReplayFailedException(string message) : Exception(message);

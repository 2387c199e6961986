namespace Worb.Grains;

/// <summary>A setting the server can't start with; the host prints the message and exits with a non-zero code.</summary>
public sealed class WorbConfigurationException(string message) : Exception(message);

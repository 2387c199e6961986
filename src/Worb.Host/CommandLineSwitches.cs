namespace Worb.Host;

/// <summary>
/// Lets boolean flags stand alone: the configuration's command-line parser would take the next argument as their
/// value, so a bare switch gets an explicit <c>true</c>.
/// </summary>
public static class CommandLineSwitches
{
    public static string[] Normalize(string[] args, IReadOnlyCollection<string> switches)
    {
        var result = new List<string>(args.Length + 1);
        for (var i = 0; i < args.Length; i++)
        {
            result.Add(args[i]);
            var bare = switches.Contains(args[i], StringComparer.Ordinal)
                && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal));
            if (bare)
            {
                result.Add("true");
            }
        }
        return [.. result];
    }
}

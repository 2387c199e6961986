namespace Worb.Grains.Protocol;

/// <summary>The step a history line belongs to: its integer <c>_step</c>, or its line offset when it has none.</summary>
public static class HistoryStep
{
    public static long Of(IReadOnlyList<JsonMember> members, long lineNo)
    {
        foreach (var member in members)
        {
            if (member.Key == "_step" && member.Number is { } step && double.IsFinite(step) && step == Math.Floor(step)
                && Math.Abs(step) < 9.2e18)
            {
                return (long)step;
            }
        }
        return lineNo;
    }
}

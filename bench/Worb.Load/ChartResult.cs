namespace Worb.Load;

/// <summary>The chart query at one metric length: median/max ms and rows for each path (GraphQL only up to the chart size).</summary>
public sealed record ChartResult(
    int Steps,
    (double MedianMs, double MaxMs, int Rows) Api,
    (double MedianMs, double MaxMs, int Rows) Dashboard,
    (double MedianMs, double MaxMs, int Rows)? GraphQL);

using System.Globalization;

namespace Worb.Browser.Tests.Infrastructure;

/// <summary>
/// Lines of made-up training runs, as the wandb client writes them: history with train/ and val/ metrics, a
/// histogram every 100 steps, system metrics, console output (stdout and <c>ERROR </c>-prefixed stderr) and a summary.
/// </summary>
public static class SampleRuns
{
    public const double StartTime = 1_795_956_000;

    public static double Loss(long step, double scale) => scale * Math.Exp(-step / 800.0) + 0.05 * Math.Sin(step / 7.0) + 0.1;

    public static double Accuracy(long step) => 1 - 0.9 * Math.Exp(-step / 600.0);

    public static IReadOnlyList<string> History(int steps, double lossScale) => Enumerable.Range(0, steps).Select(step =>
    {
        var histogram = step % 100 == 0
            ? $", \"train/grads\": {{\"_type\": \"histogram\", \"values\": [{string.Join(", ", Enumerable.Range(0, 8).Select(b => (b + step / 100) % 8 + 1))}], \"bins\": [{string.Join(", ", Enumerable.Range(0, 9).Select(b => F(-1 + b * 0.25)))}]}}"
            : "";
        return $"{{\"train/loss\": {F(Loss(step, lossScale))}, \"val/acc\": {F(Accuracy(step))}, \"lr\": {F(0.01 * Math.Pow(0.999, step))}{histogram}, " +
               $"\"_step\": {step}, \"_runtime\": {F(step * 0.1)}, \"_timestamp\": {F(StartTime + step * 0.1)}}}";
    }).ToList();

    public static IReadOnlyList<string> Events(int samples) => Enumerable.Range(0, samples).Select(i =>
        $"{{\"system.cpu\": {F(20 + 10 * Math.Sin(i / 3.0))}, \"system.memory\": {F(40 + i * 0.1)}, \"system.gpu.0.gpu\": {F(80 + 5 * Math.Cos(i))}, " +
        $"\"system.network.sent\": {i * 1024}, \"_wandb\": true, \"_runtime\": {i * 10}, \"_timestamp\": {F(StartTime + i * 10)}}}").ToList();

    public static IReadOnlyList<string> Console(int lines) => Enumerable.Range(0, lines).Select(i => i % 10 == 9
        ? $"ERROR warning: gradient norm {i} is large"
        : $"epoch {i / 10} batch {i % 10} loss {F(Loss(i * 10, 2))}").ToList();

    public static string Summary(int steps, double lossScale) =>
        $"{{\"train/loss\": {F(Loss(steps - 1, lossScale))}, \"val/acc\": {F(Accuracy(steps - 1))}, \"_step\": {steps - 1}, \"_runtime\": {F((steps - 1) * 0.1)}}}";

    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

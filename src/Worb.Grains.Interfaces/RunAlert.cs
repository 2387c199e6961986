namespace Worb.Grains.Interfaces;

/// <summary>A <c>wandb.alert()</c> call.</summary>
[GenerateSerializer, Immutable]
public sealed record RunAlert(
    [property: Id(0)] string Title,
    [property: Id(1)] string Text,
    [property: Id(2)] string Severity,
    [property: Id(3)] long? WaitDurationMs);

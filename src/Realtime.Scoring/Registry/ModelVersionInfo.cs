namespace Realtime.Scoring.Registry;

/// <summary>One version folder of the registry, as <c>realtime models list</c> shows it.</summary>
/// <param name="Version">Folder name, e.g. <c>v20261123-1530-ab12</c>.</param>
/// <param name="Path">Full path of the folder.</param>
/// <param name="CreatedAt">From metadata.json; null when unreadable.</param>
/// <param name="Trainer">The chosen trainer; null when unreadable.</param>
/// <param name="HoldoutRocAuc">From report.json; null when unreadable.</param>
/// <param name="IsCurrent">Whether the <c>current</c> pointer names it.</param>
public sealed record ModelVersionInfo(string Version, string Path, DateTimeOffset? CreatedAt, string? Trainer, double? HoldoutRocAuc, bool IsCurrent);

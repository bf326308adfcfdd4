namespace Realtime.Scoring.Training;

/// <summary>The ML.NET binary classifiers training compares.</summary>
public enum ChurnTrainerKind
{
    LightGbm,
    FastTree,
}

namespace Realtime.Core.Recommendations;

/// <summary>Catalog facts from <c>product_upserted</c>: the latest write (by <see cref="AtMs"/>) wins.</summary>
/// <param name="ProductId">The product.</param>
/// <param name="Category">Its category, or null when the producer did not send one.</param>
/// <param name="Price">Unit price.</param>
/// <param name="InStock">Whether it can be sold now.</param>
/// <param name="AtMs">When the fact was true, Unix milliseconds (late upserts must not overwrite newer ones).</param>
public readonly record struct CatalogFact(string ProductId, string? Category, double Price, bool InStock, long AtMs);

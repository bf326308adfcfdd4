namespace Realtime.Core.Events;

/// <summary>One line of an order or cart change.</summary>
/// <param name="ProductId">The product's id.</param>
/// <param name="Category">The product's category, if the producer knows it.</param>
/// <param name="Quantity">Units (positive).</param>
/// <param name="UnitPrice">Price per unit in the order's currency.</param>
public sealed record OrderLine(string ProductId, string? Category, int Quantity, double UnitPrice);

using System.Text;
using Realtime.Redis;
using StackExchange.Redis;

namespace Realtime.IntegrationTests;

/// <summary>The product-id pool Recommend's list reads go through: one string per id, equal to the reply's text.</summary>
public sealed class ProductIdPoolTests
{
    [Theory]
    [InlineData("p-17")]
    [InlineData("café-crème")]
    public void An_id_read_twice_is_the_same_string_whether_the_reply_held_bytes_or_text(string id)
    {
        var pool = new ProductIdPool();

        var fromBytes = pool.Intern((RedisValue)Encoding.UTF8.GetBytes(id));
        var fromText = pool.Intern((RedisValue)id);

        Assert.Equal(id, fromBytes);
        Assert.Same(fromBytes, fromText);
    }

    [Fact]
    public void Ids_past_the_pooled_length_and_empty_values_read_back_unchanged()
    {
        var pool = new ProductIdPool();
        var longId = new string('x', 300);

        Assert.Equal(longId, pool.Intern((RedisValue)Encoding.UTF8.GetBytes(longId)));
        Assert.Equal(string.Empty, pool.Intern((RedisValue)string.Empty));
        Assert.Equal("b", pool.Intern((RedisValue)"b"));
        Assert.NotEqual(pool.Intern((RedisValue)"a"), pool.Intern((RedisValue)"b"));
    }
}

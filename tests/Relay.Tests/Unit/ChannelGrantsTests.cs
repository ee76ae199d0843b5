using Relay.Contracts;

namespace Relay.Tests.Unit;

public sealed class ChannelGrantsTests
{
    [Theory]
    [InlineData("*", "general", true)]
    [InlineData("news.*", "news.sport", true)]
    [InlineData("news.*", "news.", true)]
    [InlineData("news.*", "news", false)]
    [InlineData("*.eu", "prices.eu", true)]
    [InlineData("*.eu", "prices.us", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXcYYb", false)]
    [InlineData("general", "general", true)]
    [InlineData("general", "general2", false)]
    [InlineData("**", "anything", true)]
    public void Matches_IsAGlobWithStarOnly(string pattern, string channel, bool expected) =>
        Assert.Equal(expected, ChannelGrants.Matches(pattern, channel));

    [Theory]
    [InlineData(new[] { "*" }, "private:alice", false)]
    [InlineData(new[] { "*", "private:bob" }, "private:alice", false)]
    [InlineData(new[] { "*", "private:alice" }, "private:alice", true)]
    [InlineData(new[] { "private:*" }, "private:alice", true)]
    [InlineData(new[] { "private:*" }, "general", false)]
    [InlineData(new[] { "p*" }, "private:alice", false)]
    [InlineData(new[] { "*" }, "privately", true)]
    public void Allows_GrantsAPrivateChannelOnlyThroughAPrivatePattern(string[] patterns, string channel, bool expected) =>
        Assert.Equal(expected, ChannelGrants.Allows(patterns, channel));

    [Theory]
    [InlineData("*", true)]
    [InlineData("news.*", true)]
    [InlineData("private:*", true)]
    [InlineData("", false)]
    [InlineData("with space", false)]
    [InlineData("a/b", false)]
    public void IsValidPattern_TakesAChannelNamesAlphabetAndStar(string pattern, bool expected) =>
        Assert.Equal(expected, ChannelGrants.IsValidPattern(pattern));

    [Fact]
    public void IsValidPattern_RefusesPatternsLongerThanAChannelName() =>
        Assert.False(ChannelGrants.IsValidPattern(new string('a', ChannelGrants.MaxPatternLength + 1)));
}

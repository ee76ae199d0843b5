using Relay.Contracts;

namespace Relay.Tests.Unit;

public sealed class PublishRequestRulesTests
{
    [Theory]
    [InlineData("general")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("news.eu:room_1-b")]
    [InlineData("x123456789012345678901234567890123456789012345678901234567890abc")]
    public void ValidChannel_HasNoErrors(string channel) =>
        Assert.Empty(PublishRequestRules.Validate(channel, "alice", "hello"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("_underscore-first")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("émoji")]
    [InlineData("x123456789012345678901234567890123456789012345678901234567890abcd")]
    public void InvalidChannel_IsReportedUnderChannel(string? channel) =>
        Assert.Equal(["channel"], PublishRequestRules.Validate(channel, "alice", "hello").Keys);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MissingSender_IsReportedUnderSender(string? sender) =>
        Assert.Equal(["sender"], PublishRequestRules.Validate("general", sender, "hello").Keys);

    [Fact]
    public void SenderLength_IsOneTo64()
    {
        Assert.Empty(PublishRequestRules.Validate("general", new string('s', MessageLimits.MaxSenderLength), "t"));
        Assert.Equal(["sender"], PublishRequestRules.Validate("general", new string('s', MessageLimits.MaxSenderLength + 1), "t").Keys);
    }

    [Fact]
    public void TextLength_IsOneTo4096()
    {
        Assert.Empty(PublishRequestRules.Validate("general", "a", new string('t', MessageLimits.MaxTextLength)));
        Assert.Equal(["text"], PublishRequestRules.Validate("general", "a", new string('t', MessageLimits.MaxTextLength + 1)).Keys);
        Assert.Equal(["text"], PublishRequestRules.Validate("general", "a", "").Keys);
        Assert.Equal(["text"], PublishRequestRules.Validate("general", "a", null).Keys);
    }

    [Fact]
    public void EveryInvalidField_IsReported()
    {
        var errors = PublishRequestRules.Validate("", "", "");

        Assert.Equal(["channel", "sender", "text"], errors.Keys.Order());
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }
}

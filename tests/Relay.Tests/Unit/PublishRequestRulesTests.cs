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

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/octet-stream")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/vnd.relay+json")]
    public void BinaryMessage_WithDataAndAContentType_HasNoErrors(string contentType) =>
        Assert.Empty(PublishRequestRules.Validate("general", "a", null, Convert.ToBase64String([1, 2, 3]), contentType));

    [Fact]
    public void TextAndData_Together_AreRefusedUnderText()
    {
        var errors = PublishRequestRules.Validate("general", "a", "hello", Convert.ToBase64String([1]), "image/png");

        Assert.Equal(["text"], errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAE")]
    [InlineData("AA==AA==")]
    [InlineData("%%%%")]
    public void DataThatIsNotBase64OrEmpty_IsReportedUnderData(string data) =>
        Assert.Equal(["data"], PublishRequestRules.Validate("general", "a", null, data, "application/octet-stream").Keys);

    [Fact]
    public void DataLength_IsOneTo64KiB_Decoded()
    {
        var largest = Convert.ToBase64String(new byte[MessageLimits.MaxDataBytes]);
        var tooLarge = Convert.ToBase64String(new byte[MessageLimits.MaxDataBytes + 1]);

        Assert.Empty(PublishRequestRules.Validate("general", "a", null, largest, "application/octet-stream"));
        var errors = PublishRequestRules.Validate("general", "a", null, tooLarge, "application/octet-stream");
        Assert.Equal(["data"], errors.Keys);
        Assert.Contains((MessageLimits.MaxDataBytes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), errors["data"][0]);
    }

    [Fact]
    public void DataWithoutAContentType_IsReportedUnderContentType() =>
        Assert.Equal(["contentType"], PublishRequestRules.Validate("general", "a", null, "AQID", null).Keys);

    [Fact]
    public void AContentTypeWithoutData_IsReportedUnderData() =>
        Assert.Equal(["data"], PublishRequestRules.Validate("general", "a", null, null, "image/png").Keys);

    [Theory]
    [InlineData("")]
    [InlineData("png")]
    [InlineData("image/")]
    [InlineData("/png")]
    [InlineData("image/png/extra")]
    [InlineData("image png")]
    [InlineData("image/png; charset")]
    [InlineData("image/png;")]
    public void InvalidContentType_IsReportedUnderContentType(string contentType) =>
        Assert.Equal(["contentType"], PublishRequestRules.Validate("general", "a", null, "AQID", contentType).Keys);

    [Fact]
    public void ContentTypeLength_IsAtMost127()
    {
        const string Prefix = "a/b; p=";
        var longest = Prefix + new string('v', MessageLimits.MaxContentTypeLength - Prefix.Length);

        Assert.Empty(PublishRequestRules.Validate("general", "a", null, "AQID", longest));
        Assert.Equal(["contentType"], PublishRequestRules.Validate("general", "a", null, "AQID", longest + "v").Keys);
    }

    [Fact]
    public void EveryInvalidField_OfABinaryMessage_IsReported()
    {
        var errors = PublishRequestRules.Validate("", "", "text too", "***", "nope");

        Assert.Equal(["channel", "contentType", "data", "sender", "text"], errors.Keys.Order());
    }
}

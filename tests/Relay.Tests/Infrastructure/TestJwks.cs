using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// A JSON Web Key Set with one RS256 and one ES256 key, served on a loopback port for the whole test run (the shared
/// app's services read it as <c>ConnectionTokens:JwksUrl</c>), and connection tokens signed with those keys.
/// </summary>
public sealed class TestJwks
{
    public const string RsaKeyId = "test-rsa";
    public const string EcKeyId = "test-ec";

    private static readonly Lazy<TestJwks> s_shared = new(() => new TestJwks());

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly HttpListener _listener = new();
    private readonly byte[] _document;

    private TestJwks()
    {
        var rsa = _rsa.ExportParameters(includePrivateParameters: false);
        var ec = _ec.ExportParameters(includePrivateParameters: false);
        _document = JsonSerializer.SerializeToUtf8Bytes(new
        {
            keys = new object[]
            {
                new { kty = "RSA", kid = RsaKeyId, use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(rsa.Modulus), e = Base64UrlEncoder.Encode(rsa.Exponent) },
                new { kty = "EC", kid = EcKeyId, use = "sig", alg = "ES256", crv = "P-256", x = Base64UrlEncoder.Encode(ec.Q.X), y = Base64UrlEncoder.Encode(ec.Q.Y) },
            },
        });
        var port = AppHostProcess.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/jwks.json");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    /// <summary>Started on first use, stopped with the test process.</summary>
    public static TestJwks Shared => s_shared.Value;

    public Uri Url { get; }

    public string RsaToken(string subject) => Token(subject, new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = RsaKeyId }, SecurityAlgorithms.RsaSha256));

    public string EcToken(string subject) => Token(subject, new SigningCredentials(new ECDsaSecurityKey(_ec) { KeyId = EcKeyId }, SecurityAlgorithms.EcdsaSha256));

    private static string Token(string subject, SigningCredentials credentials) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["channels"] = TestCredentials.AllChannels },
            SigningCredentials = credentials,
        });

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(_document);
            context.Response.Close();
        }
    }
}

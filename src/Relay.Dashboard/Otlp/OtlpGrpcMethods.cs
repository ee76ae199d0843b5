using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// The <c>Export</c> method of an OTLP collector service, with a request marshaller that reports a body that
/// is not the expected message as <see cref="StatusCode.InvalidArgument"/>. The generated marshallers let
/// the parse exception escape, which gRPC reports as Unknown: to an exporter that reads as "retry".
/// </summary>
internal static class OtlpGrpcMethods
{
    public const string ExportMethodName = "Export";

    public static Method<TRequest, TResponse> Export<TRequest, TResponse>(
        ServiceDescriptor service, MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        new(MethodType.Unary, service.FullName, ExportMethodName, Marshaller(requestParser), Marshaller(responseParser));

    private static Marshaller<T> Marshaller<T>(MessageParser<T> parser) where T : IMessage<T> =>
        Marshallers.Create<T>(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context =>
            {
                try
                {
                    return parser.ParseFrom(context.PayloadAsReadOnlySequence());
                }
                catch (InvalidProtocolBufferException ex)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "The body is not a valid OTLP export request: " + ex.Message));
                }
            });
}

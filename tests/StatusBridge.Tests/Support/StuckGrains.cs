using System.Net;
using System.Reflection;

namespace K2Orleans.StatusBridge.Tests.Support;

/// <summary>
/// A grain factory whose grains never answer, as a cluster's grains do while they wait on a database that is gone;
/// only the management grain answers, listing one active silo. Every other call's task stays pending for good.
/// </summary>
internal class StuckGrains : DispatchProxy
{
    public static readonly SiloAddress Silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

    public static IGrainFactory Create() => DispatchProxy.Create<IGrainFactory, StuckGrains>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IGrainFactory.GetGrain) && targetMethod.IsGenericMethod)
        {
            return DispatchProxy.Create(targetMethod.GetGenericArguments()[0], typeof(StuckGrain));
        }

        throw new NotSupportedException($"{targetMethod.Name} is not part of what the status source asks");
    }
}

/// <summary>One grain of <see cref="StuckGrains"/>.</summary>
internal class StuckGrain : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IManagementGrain.GetHosts))
        {
            return Task.FromResult(new Dictionary<SiloAddress, SiloStatus> { [StuckGrains.Silo] = SiloStatus.Active });
        }

        var returns = targetMethod.ReturnType;
        if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var pending = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(returns.GetGenericArguments()[0]))!;
            return pending.GetType().GetProperty(nameof(TaskCompletionSource<object>.Task))!.GetValue(pending);
        }

        throw new NotSupportedException($"{targetMethod.DeclaringType?.Name}.{targetMethod.Name} is not part of what the status source asks");
    }
}

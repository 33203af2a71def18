import NIOCore
import NIOPosix
import StrataCommands

// Run Swift concurrency on NIO's event loop threads: every statement is a hop between postgres-nio's event loop and
// the migrating task, and sharing the threads removes most context switches (measured ~20% less CPU per run).
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
await StrataMain.run()

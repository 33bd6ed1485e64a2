import Foundation
import OpsCore
import OpsRender

/// `opsctl unlock [--force]`: shows who holds the apply lock and, with --force, breaks it and
/// records an `unlock` receipt. For the file log the lock is `apply.lock` beside it; for
/// PostgreSQL it is a session advisory lock, broken by ending the holder's session.
enum UnlockCommand {
    struct Arguments: Sendable, Hashable {
        var force: Bool
    }

    static let force = FlagSpec(long: "force", summary: "Break the lock whoever holds it, and record an unlock receipt")

    static let descriptor = CommandDescriptor(
        name: "unlock",
        summary: "Show or break the apply lock",
        usage: "unlock [--force]",
        discussion: """
            Without --force, prints who holds the apply lock (who, host, since when, for which
            plan) and exits 1 while it is held, 0 when it is free. A lock normally needs no
            breaking: the file lock ends with its process, and the PostgreSQL lock with its
            database session, so a killed runner frees it on its own.

            --force breaks it: for the file log it removes apply.lock; for PostgreSQL it ends the
            holder's database session (pg_terminate_backend: the same role, or pg_signal_backend).
            Either way an `unlock` receipt records who broke whose lock.
            """,
        flags: [force],
        featuredGlobalFlags: [GlobalOptions.Flags.receipts],
        parse: { input in ParseResult(Arguments(force: input.arguments.contains(force)), problems: []) },
        run: run
    )

    @Sendable static func run(_ arguments: Arguments, context: CommandContext) async -> CommandOutcome {
        let runtime = context.resolveRuntime()
        let store = runtime.receiptLog
        do {
            guard arguments.force else {
                guard let holder = try store.applyLockHolder() else {
                    context.standardOutput.write(ReceiptsStoreRenderer.notLocked(location: store.location))
                    return .success
                }
                context.report(Diagnostic(
                    message: "apply is locked by \(ReceiptsStoreRenderer.holder(holder))",
                    hint: "it is released when that apply ends; `opsctl unlock --force` breaks it"))
                return .failure
            }
            guard let holder = try store.breakApplyLock() else {
                context.standardOutput.write(ReceiptsStoreRenderer.notLocked(location: store.location))
                return .success
            }
            let receipt = try store.append(UnlockReceiptBody(location: store.location, holder: holder), actor: runtime.actor)
            context.standardOutput.write(ReceiptsStoreRenderer.broken(holder, location: store.location, receipt: receipt))
            return .success
        } catch let error as ApplyError {
            context.report(error)
            return .failure
        } catch let error as ReceiptError {
            context.report(error)
            return .failure
        } catch {
            context.report(Diagnostic(message: "\(error)"))
            return .failure
        }
    }
}

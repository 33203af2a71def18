/// A down section that visibly leaves behind something its up section created: a `CREATE TABLE t` (index, type,
/// function, extension, schema, view, materialized view, sequence) whose down neither drops `t` nor drops something
/// that takes `t` with it. Only judged when the file has a non-empty down section; an empty one says "irreversible
/// on purpose".
package struct DownDoesNotRevertUp: LintRule {
    /// Creates the rule.
    package init() {}

    /// `down-does-not-revert-up`.
    package var id: String { "down-does-not-revert-up" }
    /// A warning: nothing breaks until someone rolls back.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "The down section does not drop an object the up section creates." }
    /// The safe alternative.
    package var help: String {
        "drop the object in the down section, in reverse order of creation (DROP … IF EXISTS is fine); if leaving it "
            + "is deliberate, suppress the finding on the CREATE statement and say why"
    }

    /// Flags each up `CREATE` whose object the down section does not remove (by name, through its table, its
    /// schema dropped with `CASCADE`, …), following renames in the up section and skipping objects the up section
    /// drops again itself. `CREATE EXTENSION` / `CREATE SCHEMA` with `IF NOT EXISTS` are skipped: the object may
    /// predate the migration, and dropping it on rollback would remove what others use.
    package func check(_ file: LintFile) -> [LintViolation] {
        guard let down = file.down, !down.isEmpty else { return [] }
        var violations: [LintViolation] = []
        for statement in file.up {
            guard var object = ObjectLifecycle.created(by: statement) else { continue }
            if object.isConditional, object.kind == .extension || object.kind == .schema { continue }
            let pointer = object.name?.tokenIndex
            var removedInUp = false
            for later in file.up[(statement.index + 1)...] {
                if ObjectLifecycle.removes(object, in: later) {
                    removedInUp = true
                    break
                }
                if let renamed = ObjectLifecycle.newName(of: object, in: later) { object.name = renamed }
            }
            if removedInUp || down.contains(where: { ObjectLifecycle.removes(object, in: $0) }) { continue }
            let what = Self.describe(object)
            if object.isReplacement {
                if down.contains(where: { ObjectLifecycle.recreates(object, in: $0) }) { continue }
                violations.append(
                    violation(
                        "the down section neither drops \(what) nor restores its previous definition with CREATE OR "
                            + "REPLACE, so a rollback keeps the definition this migration installed",
                        at: statement, token: pointer))
            } else if object.name == nil {
                violations.append(
                    violation(
                        "the down section does not drop \(what) created here: a rollback leaves it behind, and applying "
                            + "the migration again adds a duplicate index",
                        at: statement, token: pointer,
                        help: "name the index (CREATE INDEX name ON …) and drop it by that name in the down section"))
            } else {
                let rerun = object.isConditional ? "" : ", and applying the migration again fails because it exists"
                violations.append(
                    violation(
                        "the down section does not drop \(what) created here: a rollback leaves it behind\(rerun)",
                        at: statement, token: pointer))
            }
        }
        return violations
    }

    /// `table "plans"`, `index "users_email_idx"`, `the unnamed index on "users"`.
    private static func describe(_ object: ObjectLifecycle.Created) -> String {
        if let name = object.name { return "\(object.kind.rawValue) \(name)" }
        let table = object.owner.map { " on \($0)" } ?? ""
        return "the unnamed \(object.kind.rawValue)\(table)"
    }
}

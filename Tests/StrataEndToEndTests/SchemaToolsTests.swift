import Testing

/// The end-to-end tests of backup, restore, dump, docs, check rollbacks and diff, run one at a time: each starts
/// several processes and connections (pg_dump, pg_restore, shadow databases), and the test server shared by the
/// whole suite has 100 connection slots.
@Suite(.serialized) enum SchemaToolsTests {}

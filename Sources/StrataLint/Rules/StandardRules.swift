extension RuleRegistry {
    /// Every rule Strata ships, in documentation order. Register a new rule by adding it here.
    public static let standard = RuleRegistry([
        RequireConcurrentIndexCreation(),
        RequireConcurrentIndexDeletion(),
        BanConcurrentIndexCreationInTransaction(),
        AddingFieldWithDefault(),
        AddingNotNullableField(),
        RequireLockTimeout(),
        RequireStatementTimeout(),
        MigrationWithoutDown(),
        CreateExtensionWithoutIfNotExists(),
        UnusedSuppression(),
    ])
}

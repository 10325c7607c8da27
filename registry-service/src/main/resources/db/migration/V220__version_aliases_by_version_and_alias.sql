-- The read of a version (and of each of its links) lists the version's aliases by version_id. With the alias in the
-- index too, PostgreSQL reads them from the index alone instead of a bitmap scan of the table per version; the index
-- still serves every lookup by version_id (the ON DELETE CASCADE from collection_versions included).
CREATE INDEX version_aliases_version_alias ON version_aliases (version_id, alias);
DROP INDEX version_aliases_version;

export { createDatabase } from './create-database.js';
export type { DatabaseHandle, DatabaseTarget, DbCapabilities } from './create-database.js';
export type * from './schema.js';
export { CREATE_TRIGRAM_EXTENSION, migrations, TRIGRAM_MIGRATION } from './migrations.js';
export { allWordsIn, postgresStoryTextRows, searchWords, storyTextIndex, storyTextRows, storyWordsIn, type StoryTextIndex } from './text-match.js';
export { publishedArticleRow } from './published-article-row.js';
export { newestFirst, publishedLinks, type ListedUnder } from './published-dates.js';

import type { ColumnOptions } from 'typeorm';

/**
 * A UTC instant. SQLite stores it as `datetime` text in UTC; PostgreSQL as `timestamptz`
 * (the migrations choose the physical type per database; the entities share this logical one).
 */
export const instantColumn = (options: Omit<ColumnOptions, 'type'> = {}): ColumnOptions => ({
  type: Date,
  ...options,
});

export { coldMove } from './coldMove';
export { planColdMove } from './planColdMove';
export { kzWarmMigrate } from './kzWarmMigrate';
export { planKzWarmMigrate } from './planKzWarmMigrate';
export { iscsiLuRollback } from './iscsiLuRollback';
export { planIscsiLuRollback } from './planIscsiLuRollback';

export { coldMove } from './coldMove';
export { planColdMove } from './planColdMove';

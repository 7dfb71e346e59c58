/** The mass-testing module's public face: its routes, and the services the demo drives to show a round in progress. */
export { samplingRoutes } from './routes';
export {
  addTubesToBox,
  bind,
  createBox,
  createExemption,
  createPoint,
  createRound,
  handOver,
  openTube,
  planHomeSampling,
  receiveAll,
  setRoundStatus,
} from './service';
export { save as saveSlotPlan } from './slot-plans';

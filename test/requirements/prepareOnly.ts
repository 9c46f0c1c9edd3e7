// Global setup of the fixture project in test/requirements/fixture: the real one without the build.
export { prepareTestRequirements as default } from './testRequirements';

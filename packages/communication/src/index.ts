export { computeCommunication, stepsOf, paperValues, PAPER_SHARE_MODELS, GROUPS, type PaperValues } from './compute.js';
export { classifyConversation, DEFAULT_CLASSIFY_OPTIONS, type ClassifiedMessage, type ClassifyOptions, type ConversationAnalysis } from './speech-acts.js';
export { SPEECH_ACT_RULES, applyRules, messageFeatures, type SpeechActRule, type RuleContext, type MessageFeatures } from './speech-act-rules.js';
export { fisherExact, mannWhitneyU } from './statistics.js';
export { countLineMentions, countPathMentions } from './text-features.js';
export { checkCommunication } from './checks.js';
export { commVsNocomm } from './comm-vs-nocomm.js';
export { CommunicationOptionsSchema, DEFAULT_OPTIONS, type CommunicationOptions } from './config.js';

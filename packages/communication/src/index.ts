export { computeCommunication, stepsOf, PAPER, GROUPS } from './compute.js';
export { classifyConversation, conversationOrder, DEFAULT_CLASSIFY_OPTIONS, type ClassifiedMessage, type ClassifyOptions, type ConversationAnalysis } from './classify.js';
export { SPEECH_ACT_RULES, applyRules, messageFeatures, type SpeechActRule, type RuleContext, type MessageFeatures } from './speech-act-rules.js';
export { fisherExact, mannWhitneyU } from './statistics.js';
export { countLineMentions, countPathMentions, stripSelfPrefix, proseOf } from './text-features.js';
export { CommunicationOptionsSchema, DEFAULT_OPTIONS, type CommunicationOptions } from './config.js';

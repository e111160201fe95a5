"""zai-sdk's `zai.types.assistant.assistant_create_params`: aliases of our generated models."""

from zai_api.models.assistant_attachment import AssistantAttachmentParam as AssistantAttachments
from zai_api.models.assistant_conversation_message import AssistantConversationMessageParam as ConversationMessage
from zai_api.models.assistant_conversation_request import AssistantConversationRequestParam as AssistantParameters
from zai_api.models.assistant_extra_parameters import AssistantExtraParametersParam as ExtraParameters
from zai_api.models.assistant_translate_options import AssistantTranslateOptionsParam as TranslateParameters
from zai_api.models.text_part import TextPartParam as MessageContent
from zai_api.models.text_part import TextPartParam as MessageTextContent

__all__ = [
    "AssistantAttachments",
    "AssistantParameters",
    "ConversationMessage",
    "ExtraParameters",
    "MessageContent",
    "MessageTextContent",
    "TranslateParameters",
]
